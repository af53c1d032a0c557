"""One `mkdocs build` in this process; prints {"maxrss": bytes, "cpu": seconds} as the last line."""

import json
import logging
import resource
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING)
config = load_config(sys.argv[1])
build(config)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"maxrss": usage.ru_maxrss * 1024, "cpu": usage.ru_utime + usage.ru_stime}))

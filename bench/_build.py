"""One `mkdocs build` in this process; prints {"maxrss": bytes} as the last line."""

import json
import logging
import resource
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING)
config = load_config(sys.argv[1])
build(config)
print(json.dumps({"maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))

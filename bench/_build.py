"""One `mkdocs build` in this process; prints {"maxrss": bytes, "cpu": seconds, ...} as the
last line. Page-rendering child processes (plugin/ahead.py) are counted: `cpu` is the CPU time
of this process and its children, `maxrss` the peak of this process plus the largest child's
(an upper bound of the memory in use at once: a forked child shares most of its pages with
this process), `maxrss_self` and `cpu_self` this process alone."""

import json
import logging
import resource
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING)
config = load_config(sys.argv[1])
build(config)
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "maxrss": (own.ru_maxrss + children.ru_maxrss) * 1024,
    "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    "maxrss_self": own.ru_maxrss * 1024,
    "cpu_self": own.ru_utime + own.ru_stime,
}))

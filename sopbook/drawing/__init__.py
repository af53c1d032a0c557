"""The official SOP AP chart drawn from an SOP: the connected flowchart in the procedure
table (geometry, routing, off-page split, SVG) and the swimlane's Mermaid source.

Knows nothing about CSS, pages or paper.
"""

from .flowchart import Chart, build_chart, split_chart
from .swimlane import swimlane_source

__all__ = ["Chart", "build_chart", "split_chart", "swimlane_source"]

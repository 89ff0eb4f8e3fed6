"""Exports of the graph: Turtle (:mod:`.sorted_turtle`, :mod:`.turtle`), the network the
view draws (:mod:`.network`) and the HTML view itself (:mod:`.html`).

This module stays light: the command line reads the view's bound from here when it builds
its parser, without importing networkx for every command."""

DEFAULT_MAX_NODES = 5000  # the most entities graph.html and newsgraph view draw

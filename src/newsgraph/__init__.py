"""newsgraph: Chinese newspaper pages into an RDF knowledge graph."""

__version__ = "0.1.0"

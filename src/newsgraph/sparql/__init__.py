"""SPARQL for developers: result formats, the read-only HTTP endpoint, Graph Store pushes."""

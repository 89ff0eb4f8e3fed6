"""Stage 5: assemble the RDF graph. The only stage that knows RDF."""

from newsgraph.rdf.assemble import assemble, nt_quads
from newsgraph.rdf.iris import Minter

__all__ = ["assemble", "nt_quads", "Minter"]

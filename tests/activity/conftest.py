"""The default tree and proposals' fixtures, for the activity's sources."""

from tests.proposals.conftest import members, propose  # noqa: F401
from tests.taxonomy.conftest import tree  # noqa: F401

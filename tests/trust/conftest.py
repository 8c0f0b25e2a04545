from tests.forum.conftest import make_thread, node, root, thread  # noqa: F401
from tests.proposals.conftest import members, propose  # noqa: F401
from tests.taxonomy.conftest import tree  # noqa: F401

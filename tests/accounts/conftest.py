from tests.files.conftest import ingest_bytes, storage_dir  # noqa: F401
from tests.forum.conftest import make_thread, node, root  # noqa: F401
from tests.taxonomy.conftest import tree  # noqa: F401

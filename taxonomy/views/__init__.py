"""Views of the taxonomy: ``browse`` (tree, node and example pages), ``api`` (JSON), ``edit``
(forms and POST actions for Editors), ``history`` (changes and revert)."""

"""The index's own vocabulary, for "Did you mean …" and typo-tolerant suggestions.

Both backends keep the words of what they index (unstemmed, lower case): Whoosh in a field of
its own, PostgreSQL in a word table with a trigram index. Each backend finds words close to a
typed one; the ranking is the same for both (``rank``): fewest edits first, with a swap of two
neighbouring letters ("hbus" → "hubs") counting as one edit, then the most common word.
"""

import re

MIN_WORD = 3
MAX_WORD = 30
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},{MAX_WORD}}}")


def words_of(document):
    """The distinct words of a document (title and texts), as its vocabulary holds them."""
    text = " ".join([document.title, *document.texts.values()])
    return {word.lower() for word in _WORD.findall(text)}


def max_edits(word):
    """One edit for short words, two from six letters: "hbus" must not offer "bus" and "has"."""
    return 1 if len(word) < 6 else 2


def edit_distance(a, b):
    """Damerau–Levenshtein distance (optimal string alignment): a swap is one edit."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def rank(word, candidates, limit=3):
    """The best corrections of ``word`` among ``candidates`` ({word: how many documents}): those
    within ``max_edits`` that share its first letter (typos rarely hit it, and it keeps Whoosh's
    scan to one letter), fewest edits first, then the most common. Never the word itself."""
    word = word.lower()
    allowed = max_edits(word)
    scored = []
    for candidate, documents in candidates.items():
        if candidate == word or candidate[:1] != word[:1]:
            continue
        if abs(len(candidate) - len(word)) > allowed:
            continue
        edits = edit_distance(word, candidate)
        if edits <= allowed:
            scored.append((edits, -documents, candidate))
    return [candidate for _, _, candidate in sorted(scored)[:limit]]

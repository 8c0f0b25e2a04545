"""What each app holds about a person, for their data archive and for deleting their account.

    # in an app's AppConfig.ready()
    from accounts import personal_data
    personal_data.register(personal_data.Holding(
        name="forum",                    # the archive's key
        export=export,                   # export(user) -> JSON values
        erase=erase,                     # erase(user, remove_contributions) -> None
    ))

``export`` lists everything the app keeps about ``user``: what they wrote, watch, voted, were
told. ``erase`` runs inside the deletion's transaction, before the account itself is anonymised:
it deletes what is only personal (watches, read marks, notifications) and, when the person chose
``remove_contributions``, removes what they wrote where that is theirs to take back (forum posts);
what is shared under the wiki's licence (page revisions, proposals decided) stays, under
"a former member". Each must make a bounded number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Holding:
    name: str
    export: Callable
    erase: Callable = lambda user, remove_contributions: None


_holdings = {}


def register(holding):
    _holdings[holding.name] = holding
    return holding


def holdings():
    return list(_holdings.values())

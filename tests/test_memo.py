"""Bounded memos: computed once per key, least recently used out first, and per dataset never shared between two."""
import dataclasses

from quartiers.filters import Filters
from quartiers.memo import Memo, per_dataset
from quartiers.metrics import scope
from quartiers.pilot_matrix import matrix


def test_memo_builds_once_per_key_and_drops_the_least_recently_used():
    memo, built = Memo(2), []

    def build(value):
        return lambda: built.append(value) or value

    assert memo.get("a", build(1)) == 1 and memo.get("a", build(99)) == 1
    memo.get("b", build(2))
    memo.get("a", build(99))  # "a" used again: "b" is now the oldest
    memo.get("c", build(3))
    assert len(memo) == 2 and memo.get("b", build(4)) == 4 and memo.get("c", build(99)) == 3
    assert built == [1, 2, 3, 4]


def test_per_dataset_results_are_kept_on_their_dataset_only(ds):
    calls = []

    @per_dataset
    def regions_count(data, extra: int) -> int:
        calls.append(extra)
        return len(data.regions) + extra

    other = dataclasses.replace(ds, regions=ds.regions.head(3))  # a reloaded or edited dataset starts afresh
    assert regions_count(ds, 1) == regions_count(ds, 1) == len(ds.regions) + 1
    assert regions_count(other, 1) == 4 and regions_count(ds, 2) == len(ds.regions) + 2
    assert calls == [1, 1, 2]


def test_scope_and_matrix_are_shared_within_a_dataset(ds):
    chosen = Filters(regions=("76",))
    assert scope(ds, chosen) is scope(ds, Filters(regions=("76",)))
    two = ds.pilots.iloc[[4, 1]]
    cells = matrix(ds, two)
    # rows in the order of the pilots asked for, and the same as for all pilots
    assert list(dict.fromkeys(cells["pilot_id"])) == list(two["pilot_id"])
    whole = matrix(ds, ds.pilots)
    assert cells.reset_index(drop=True).equals(
        whole[whole["pilot_id"].isin(two["pilot_id"])].set_index("pilot_id").loc[list(two["pilot_id"])]
        .reset_index()[whole.columns].reset_index(drop=True))

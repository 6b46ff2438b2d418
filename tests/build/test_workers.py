"""The worker pool: results in order, at most N at once, a failure named and raised in the parent."""

import os
import time

import pytest

from helpcenter.build.workers import WorkerFailed, WorkerPool


def test_results_come_back_in_start_order_from_other_processes():
    pool = WorkerPool(2)
    for name, delay in (("slow", 0.3), ("fast", 0.0), ("middle", 0.1)):
        pool.start(name, lambda delay=delay, name=name: (time.sleep(delay), name, os.getpid())[1:])
    results = pool.wait()
    assert list(results) == ["slow", "fast", "middle"]
    assert [value[0] for value in results.values()] == ["slow", "fast", "middle"]
    assert all(pid != os.getpid() for _, pid in results.values())


def test_no_more_workers_than_allowed_at_once(tmp_path):
    def job(i):
        marker = tmp_path / f"running-{i}"
        marker.write_text("")
        time.sleep(0.2)
        running = len(list(tmp_path.glob("running-*")))
        marker.unlink()
        return running

    pool = WorkerPool(2)
    for i in range(5):
        pool.start(str(i), lambda i=i: job(i))
        assert pool.busy <= 2
    assert max(pool.wait().values()) <= 2


def test_a_failing_worker_fails_with_its_name_and_message():
    pool = WorkerPool(2)
    pool.start("en", lambda: "fine")
    pool.start("zh", lambda: 1 / 0)
    with pytest.raises(WorkerFailed) as failure:
        pool.wait()
    assert failure.value.name == "zh"
    assert "ZeroDivisionError" in failure.value.message
    assert pool.busy == 0


def test_a_worker_that_dies_without_a_result_is_a_failure():
    pool = WorkerPool(1)
    pool.start("ja", lambda: os._exit(3))
    with pytest.raises(WorkerFailed, match="ja: worker process exited with status 3"):
        pool.wait()


def test_large_results_arrive_whole():
    pool = WorkerPool(2)
    pool.start("big", lambda: "x" * 1_000_000)
    assert pool.wait()["big"] == "x" * 1_000_000

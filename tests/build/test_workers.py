"""The worker pool: the parent goes on while workers take jobs from one queue; every job runs once, in its
own process; results come back in job order; a failure is named after its job and raised in the parent."""

import os
import time

import pytest

from helpcenter.build.workers import WorkerFailed, WorkerPool


def _wait_for(path, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_the_parent_goes_on_while_the_workers_run(tmp_path):
    go = tmp_path / "go"
    pool = WorkerPool(2)
    pool.run([(name, lambda: _wait_for(go)) for name in ("zh", "ja")])
    go.write_text("")  # run() has returned before any job could finish: they wait for this file
    assert pool.wait() == {"zh": True, "ja": True}


def test_results_come_back_in_job_order_from_other_processes():
    pool = WorkerPool(2)
    pool.run([(name, lambda delay=delay, name=name: (time.sleep(delay), name, os.getpid())[1:])
              for name, delay in (("slow", 0.3), ("fast", 0.0), ("middle", 0.1))])
    results = pool.wait()
    assert list(results) == ["slow", "fast", "middle"]
    assert [value[0] for value in results.values()] == ["slow", "fast", "middle"]
    assert all(pid != os.getpid() for _, pid in results.values())


def test_every_job_runs_once_and_no_more_workers_than_allowed_at_once(tmp_path):
    def job(i):
        (tmp_path / f"ran-{i}-{os.getpid()}").write_text("")
        marker = tmp_path / f"running-{i}"
        marker.write_text("")
        time.sleep(0.05)
        running = len(list(tmp_path.glob("running-*")))
        marker.unlink()
        return running

    pool = WorkerPool(2)
    pool.run([(str(i), lambda i=i: job(i)) for i in range(12)])
    assert 1 <= pool.running <= 2
    results = pool.wait()
    assert list(results) == [str(i) for i in range(12)]
    assert max(results.values()) <= 2
    ran = sorted(p.name for p in tmp_path.glob("ran-*"))
    assert [name.split("-")[1] for name in ran] == sorted(str(i) for i in range(12))
    assert len({name.split("-")[2] for name in ran}) <= 2  # the workers took several jobs each


def test_a_failing_job_fails_with_its_name_and_message():
    pool = WorkerPool(2)
    pool.run([("en", lambda: "fine"), ("zh", lambda: 1 / 0)])
    with pytest.raises(WorkerFailed) as failure:
        pool.wait()
    assert failure.value.name == "zh"
    assert "ZeroDivisionError" in failure.value.message
    assert pool.running == 0


def test_a_worker_that_dies_is_reported_with_the_job_it_was_running():
    pool = WorkerPool(1)
    pool.run([("zh", lambda: "fine"), ("ja", lambda: os._exit(3))])
    with pytest.raises(WorkerFailed, match="ja: worker process exited with status 3"):
        pool.wait()


def test_large_results_arrive_whole():
    pool = WorkerPool(2)
    pool.run([("big", lambda: "x" * 1_000_000), ("bigger", lambda: "y" * 3_000_000)])
    assert pool.wait() == {"big": "x" * 1_000_000, "bigger": "y" * 3_000_000}


def test_jobs_kept_together_run_in_one_worker_one_after_another(tmp_path):
    pool = WorkerPool(2)
    jobs = [(name, lambda name=name: (os.getpid(), time.monotonic())) for name in ("zh", "es", "zh-TW", "fr")]
    pool.run(jobs, together=[[0, 2], [1], [3]])
    results = pool.wait()
    assert list(results) == ["zh", "es", "zh-TW", "fr"]
    assert results["zh"][0] == results["zh-TW"][0] and results["zh"][1] < results["zh-TW"][1]
    with pytest.raises(ValueError):
        WorkerPool(2).run(jobs, together=[[0, 1], [1, 2, 3]])

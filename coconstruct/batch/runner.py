"""Render many answers files: plan what changed, render it in this process or in watched workers,
and sum up; each failure is one outcome, never the end of the batch (see plan.py for the plan
and the manifest, workers.py for where documents render)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from coconstruct.batch.plan import Options, Reporter, Summary, find_inputs, plan, shard
from coconstruct.errors import CoconstructError
from coconstruct.language.messages import msg


def run(
    args: Iterable[str],
    options: Options,
    reporter: Reporter | None = None,
    shard_spec: tuple[int, int] | None = None,
) -> Summary:
    """Render every input that changed; each failure is one outcome, never the end of the batch."""
    reporter = reporter or Reporter()
    started = time.perf_counter()
    paths, outcomes = find_inputs(args)
    found = len(paths)
    if shard_spec:
        paths = shard(paths, *shard_spec)
    if not paths:
        return Summary(outcomes, time.perf_counter() - started, False, shard_spec, found)
    try:
        options.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoconstructError(
            msg(
                "{folder}: cannot create the folder ({reason})",
                folder=options.out_dir,
                reason=exc.strerror,
            )
        ) from None
    jobs, skipped, manifest = plan(paths, options)
    outcomes += skipped
    reporter.start(len(paths), len(skipped))
    for outcome in skipped:
        reporter.done(outcome)
    interrupted = False
    # multiprocessing and the renderers are not imported when everything is up to date
    from coconstruct.batch.workers import InProcess, Pool, can_time_out_here, clean_temp_files

    if len(jobs) == 1 and can_time_out_here():
        single = InProcess(options, manifest, reporter)
        try:
            outcomes += single.run(jobs[0])
        except KeyboardInterrupt:
            interrupted = True
        finally:
            clean_temp_files(options.out_dir)
            manifest.save()
    elif jobs:
        pool = Pool(options, manifest, reporter)
        try:
            outcomes += pool.run(jobs)
        except KeyboardInterrupt:
            interrupted = True
            outcomes += pool.outcomes
        finally:
            pool.close()
            clean_temp_files(options.out_dir)
            manifest.save()
    order = {str(p): i for i, p in enumerate(paths)}
    outcomes.sort(key=lambda o: order.get(o.source, -1))
    return Summary(outcomes, time.perf_counter() - started, interrupted, shard_spec, found)

package sparsedrl.agent.run;

/**
 * Where a run stands when this process starts reporting its progress.
 *
 * @param plannedFrames    training frames the plan asks for (iterations × training steps × frame skip); a run
 *                         passes it, because every phase finishes the episode in progress
 * @param iterations       iterations in the run
 * @param iterationsDone   iterations finished before this process started
 * @param atIterationStart whether the next iteration starts from its beginning (false after a resume from a
 *                         checkpoint written in the middle of an iteration)
 * @param doneFrames       training frames done before this process started
 */
public record ProgressStart(long plannedFrames, int iterations, int iterationsDone, boolean atIterationStart,
                            long doneFrames) {
}

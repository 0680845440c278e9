package io.cardmint.order;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * Puts {@code order_ref} and {@code account_id} in the MDC of every log line written while a
 * step of an order's job runs, on whichever thread runs it: partition threads, a remote
 * worker's listener thread, the launching thread. Spring Batch registers the running step (and
 * on the launching thread the job) execution on each of them, and the order's job parameters
 * name the order; so no step, no executor and no listener of the job has to be written for it.
 */
public final class OrderLogContext extends TurboFilter {

	private static final ThreadLocal<Boolean> SET_HERE = new ThreadLocal<>();

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		// Called for every logging call, also the disabled debug calls of the generation hot
		// path (driver, pool, Batch): only a line that will be written needs the order in its MDC.
		if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
			return FilterReply.NEUTRAL;
		}
		StepContext step = StepSynchronizationManager.getContext();
		JobContext job = (step == null) ? JobSynchronizationManager.getContext() : null;
		JobParameters parameters = (step != null) ? step.getStepExecution().getJobParameters()
				: (job != null) ? job.getJobExecution().getJobParameters() : null;
		String orderRef = (parameters != null) ? parameters.getString(OrderRunner.ORDER_REF) : null;
		if (orderRef != null) {
			MDC.put("order_ref", orderRef);
			MDC.put("account_id", parameters.getString(OrderRunner.ACCOUNT_ID));
			SET_HERE.set(Boolean.TRUE);
		}
		else if (SET_HERE.get() != null) {
			// The step this thread ran has ended: a pooled thread must not carry the order on.
			MDC.remove("order_ref");
			MDC.remove("account_id");
			SET_HERE.remove();
		}
		return FilterReply.NEUTRAL;
	}

}

package io.cardmint.order;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line logged while a step of an order's job runs names the order; none after it. */
class OrderLogContextTests {

	@Test
	void linesWrittenDuringAnOrdersStepCarryItsRefAndAccountAndLaterLinesDoNot() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(MDC.getMDCAdapter());
		context.addTurboFilter(new OrderLogContext());
		Logger logger = context.getLogger("order-log-context-test");
		logger.setLevel(Level.INFO);
		// An event reads the MDC when first asked; an appender that keeps events must fix it at once.
		ListAppender<ILoggingEvent> lines = new ListAppender<>() {
			@Override
			protected void append(ILoggingEvent event) {
				event.prepareForDeferredProcessing();
				super.append(event);
			}
		};
		lines.setContext(context);
		lines.start();
		logger.addAppender(lines);

		JobParameters parameters = new JobParametersBuilder().addString(OrderRunner.ORDER_REF, "ACME-1", false)
			.addString(OrderRunner.ACCOUNT_ID, "T12345678", false)
			.toJobParameters();
		JobExecution job = new JobExecution(1L, new JobInstance(1L, "order"), parameters);
		StepSynchronizationManager.register(new StepExecution(1L, "generateCards", job));
		try {
			logger.info("in the step");
		}
		finally {
			StepSynchronizationManager.close();
		}
		logger.info("after the step");

		assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry("order_ref", "ACME-1")
			.containsEntry("account_id", "T12345678");
		assertThat(lines.list.get(1).getMDCPropertyMap()).doesNotContainKeys("order_ref", "account_id");
	}

}

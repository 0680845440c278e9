package io.cardmint.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Replaces Tomcat's HTML error page: what the container refuses itself — a path with
 * {@code %00}, {@code %2F} or {@code \}, a request line or header it cannot parse, an error no
 * servlet handled — is answered in the API's error shape too, without echoing the request.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

	public JsonErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				StatusErrors.write(writer, StatusErrors.of(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response already committed: nothing more can be said
		}
	}

}

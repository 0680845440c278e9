package io.cardmint.print;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The unencrypted control file beside the print files: what the manufacturer checks the
 * delivery against (names, counts, SHA-256 of the encrypted bytes). No card data in it.
 */
final class ControlFile {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ControlFile() {
	}

	static void write(Path file, String orderRef, List<PrintedFile> files) throws IOException {
		List<Map<String, Object>> entries = files.stream().map(ControlFile::entry).toList();
		Map<String, Object> control = new LinkedHashMap<>();
		control.put("order_ref", orderRef);
		control.put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		control.put("files", entries);
		control.put("total_records", files.stream().mapToLong(PrintedFile::records).sum());
		byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(control);
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(json);
			while (buffer.hasRemaining()) {
				out.write(buffer);
			}
			out.force(true);
		}
	}

	private static Map<String, Object> entry(PrintedFile file) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", file.name());
		entry.put("records", file.records());
		entry.put("sha256", file.sha256());
		return entry;
	}

}

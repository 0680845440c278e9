package io.cardmint.code;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;

/**
 * Code 128 barcodes as PNG data URIs for the {@code barcode_128} field of API responses.
 * Only ZXing core and the JDK's image classes, no AWT toolkit, so it runs headless.
 */
public final class Barcodes {

	static final int HEIGHT = 80;

	/** Pixels per module: one-pixel bars blur as soon as a client scales the image. */
	static final int MODULE_PIXELS = 2;

	/** Code 128 asks for a quiet zone of at least ten modules on each side. */
	static final int QUIET_ZONE_MODULES = 10;

	private static final int BLACK = 0x000000;

	private static final int WHITE = 0xFFFFFF;

	private Barcodes() {
	}

	public static String code128DataUri(String value) {
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(render(value)));
	}

	static BitMatrix render(String value) {
		Code128Writer writer = new Code128Writer();
		int margin = 2 * QUIET_ZONE_MODULES;
		int modules = writer.encode(value).length + margin;
		// ZXing scales by width / modules, so asking for an exact multiple gives whole-pixel bars.
		return writer.encode(value, BarcodeFormat.CODE_128, modules * MODULE_PIXELS, HEIGHT,
				Map.of(EncodeHintType.MARGIN, margin));
	}

	private static byte[] png(BitMatrix matrix) {
		BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				image.setRGB(x, y, matrix.get(x, y) ? BLACK : WHITE);
			}
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
		// An explicit memory-cached stream: ImageIO.write would buffer through a temp file by default.
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(image);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write barcode PNG", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

}

package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarcodesTests {

	private static final String PREFIX = "data:image/png;base64,";

	@ParameterizedTest
	@ValueSource(strings = { "1234567890123456", "ACME-4711", "x!#$%&*+-./:=?@_Z", "0" })
	void barcodeDecodesBackToTheValue(String value) throws Exception {
		String uri = Barcodes.code128DataUri(value);

		assertThat(uri).startsWith(PREFIX);
		BufferedImage image = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(PREFIX.length()))));
		assertThat(image.getHeight()).isEqualTo(Barcodes.HEIGHT);
		assertThat(decode(image)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1234567890123456", "ACME-4711" })
	void barcodeHasQuietZonesOfTenModules(String value) throws Exception {
		String uri = Barcodes.code128DataUri(value);
		BufferedImage image = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(PREFIX.length()))));

		int quiet = Barcodes.QUIET_ZONE_MODULES * Barcodes.MODULE_PIXELS;
		for (int x = 0; x < quiet; x++) {
			assertThat(image.getRGB(x, 40) & 0xFFFFFF).isEqualTo(0xFFFFFF);
			assertThat(image.getRGB(image.getWidth() - 1 - x, 40) & 0xFFFFFF).isEqualTo(0xFFFFFF);
		}
	}

	private static String decode(BufferedImage image) throws Exception {
		return new Code128Reader().decode(new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image))))
			.getText();
	}

	/** ZXing's BufferedImageLuminanceSource lives in zxing-javase, which we do not depend on. */
	private static final class ImageLuminance extends LuminanceSource {

		private final byte[] luminance;

		ImageLuminance(BufferedImage image) {
			super(image.getWidth(), image.getHeight());
			this.luminance = new byte[image.getWidth() * image.getHeight()];
			for (int y = 0; y < image.getHeight(); y++) {
				for (int x = 0; x < image.getWidth(); x++) {
					int rgb = image.getRGB(x, y);
					int grey = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
					luminance[y * image.getWidth() + x] = (byte) grey;
				}
			}
		}

		@Override
		public byte[] getRow(int y, byte[] row) {
			byte[] result = (row != null && row.length >= getWidth()) ? row : new byte[getWidth()];
			System.arraycopy(luminance, y * getWidth(), result, 0, getWidth());
			return result;
		}

		@Override
		public byte[] getMatrix() {
			return luminance;
		}

	}

}

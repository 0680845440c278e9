package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.cardmint.support.BarcodeReader;
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
		assertThat(BarcodeReader.decode(image)).isEqualTo(value);
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

}

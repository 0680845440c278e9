package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

	@ParameterizedTest
	@ValueSource(strings = { "1234567890123456", "ACME-4711", "x!#$%&*+-./:=?@_Z" })
	void everyBarIsAWholeNumberOfTwoPixelModules(String value) throws Exception {
		String uri = Barcodes.code128DataUri(value);
		BufferedImage image = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(PREFIX.length()))));

		List<Integer> runs = new ArrayList<>();
		int run = 1;
		for (int x = 1; x < image.getWidth(); x++) {
			if ((image.getRGB(x, 40) & 0xFFFFFF) == (image.getRGB(x - 1, 40) & 0xFFFFFF)) {
				run++;
			}
			else {
				runs.add(run);
				run = 1;
			}
		}
		runs.add(run);
		// Code 128 bars and spaces are 1 to 4 modules wide; a module is MODULE_PIXELS = 2 pixels.
		assertThat(runs).allSatisfy((width) -> assertThat(width % Barcodes.MODULE_PIXELS).isZero());
		assertThat(runs.subList(1, runs.size() - 1)).contains(2).allSatisfy((width) -> assertThat(width).isBetween(2, 8));
		assertThat(image.getWidth() % Barcodes.MODULE_PIXELS).isZero();
	}

}

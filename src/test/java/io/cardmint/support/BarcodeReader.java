package io.cardmint.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;

/** Reads a Code 128 barcode back from a PNG data URI, to prove what a scanner would see. */
public final class BarcodeReader {

	private static final String PREFIX = "data:image/png;base64,";

	private BarcodeReader() {
	}

	public static BufferedImage image(String dataUri) throws IOException {
		if (!dataUri.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not a PNG data URI");
		}
		return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(PREFIX.length()))));
	}

	public static String decode(String dataUri) throws Exception {
		return decode(image(dataUri));
	}

	public static String decode(BufferedImage image) throws Exception {
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
					this.luminance[y * image.getWidth() + x] = (byte) grey;
				}
			}
		}

		@Override
		public byte[] getRow(int y, byte[] row) {
			byte[] result = (row != null && row.length >= getWidth()) ? row : new byte[getWidth()];
			System.arraycopy(this.luminance, y * getWidth(), result, 0, getWidth());
			return result;
		}

		@Override
		public byte[] getMatrix() {
			return this.luminance;
		}

	}

}

package io.cardmint.code;

import java.nio.ByteBuffer;

import javax.crypto.Mac;

/**
 * A deterministic random stream: block <i>n</i> is HMAC-SHA256(key, context || n) with
 * <i>n</i> a big-endian 64-bit counter starting at 0 (counter-mode PRF). The same key and
 * context always give the same stream, which is what lets a restarted chunk regenerate the
 * cards it generated before the crash. The fixed-width counter keeps the input unambiguous
 * for contexts of any length.
 *
 * <p>Stateful and not thread-safe: use one instance per code.
 */
public final class DerivedRandomSource implements RandomSource {

	private static final long TWO_TO_32 = 1L << 32;

	private final Mac mac;

	private final byte[] context;

	private final ByteBuffer counter = ByteBuffer.allocate(Long.BYTES);

	private long blockIndex;

	private byte[] block = new byte[0];

	private int position;

	public DerivedRandomSource(byte[] key, byte[] context) {
		this(Hmac.newMac(key), context);
	}

	/**
	 * @param keyedMac an HMAC-SHA256 already keyed, lent by a caller that keeps one per thread
	 * (creating a Mac costs more than the few blocks a code needs); every block is computed
	 * within one call, so the Mac may be reused once this stream is no longer used
	 */
	DerivedRandomSource(Mac keyedMac, byte[] context) {
		this.mac = keyedMac;
		this.context = context.clone();
	}

	@Override
	public int nextInt(int bound) {
		if (bound <= 0) {
			throw new IllegalArgumentException("bound must be positive: " + bound);
		}
		// Accept only values below the largest multiple of bound that fits in 32 bits, so
		// every residue is equally likely; at most half of the draws are ever rejected.
		long limit = TWO_TO_32 - (TWO_TO_32 % bound);
		while (true) {
			long value = nextUnsigned32();
			if (value < limit) {
				return (int) (value % bound);
			}
		}
	}

	private long nextUnsigned32() {
		if (position + Integer.BYTES > block.length) {
			block = nextBlock();
			position = 0;
		}
		long value = ByteBuffer.wrap(block, position, Integer.BYTES).getInt() & 0xFFFF_FFFFL;
		position += Integer.BYTES;
		return value;
	}

	private byte[] nextBlock() {
		mac.update(context);
		mac.update(counter.clear().putLong(blockIndex++).array());
		return mac.doFinal();
	}

}

package io.cardmint.print;

import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Decides which keys of one key ring may be used for a purpose, the way GnuPG does: by the key
 * flags of the newest valid self-signature, honouring revocations and expiry. BC's
 * {@code isEncryptionKey()} looks at the algorithm only, which would happily pick a revoked,
 * expired or signing-only key.
 */
final class KeyValidity {

	private static final JcaPGPContentVerifierBuilderProvider VERIFIERS = new JcaPGPContentVerifierBuilderProvider()
		.setProvider(OpenPgpKeys.PROVIDER);

	/** A key that is usable for the purpose, or why it is not. */
	record Verdict(PGPPublicKey key, String problem) {

		boolean usable() {
			return this.problem == null;
		}

	}

	private KeyValidity() {
	}

	/**
	 * Judges every key of a ring ({@code keys.get(0)} is the primary key) for the wanted key
	 * flags; usable keys come first, subkeys before the primary key, newest first.
	 */
	static List<Verdict> judge(List<PGPPublicKey> keys, int wantedFlags, Date now) {
		PGPPublicKey primary = keys.get(0);
		List<Verdict> verdicts = new ArrayList<>();
		String primaryProblem = primaryProblem(primary, now);
		for (PGPPublicKey key : keys) {
			String problem = (primaryProblem != null) ? primaryProblem
					: key.isMasterKey() ? purposeProblem(primary, primarySelfSignature(primary), wantedFlags)
							: subkeyProblem(primary, key, wantedFlags, now);
			verdicts.add(new Verdict(key, problem));
		}
		verdicts.sort((a, b) -> {
			if (a.usable() != b.usable()) {
				return a.usable() ? -1 : 1;
			}
			if (a.key().isMasterKey() != b.key().isMasterKey()) {
				return a.key().isMasterKey() ? 1 : -1;
			}
			return b.key().getCreationTime().compareTo(a.key().getCreationTime());
		});
		return verdicts;
	}

	static String describe(PGPPublicKey key) {
		return (key.isMasterKey() ? "primary key " : "subkey ") + String.format("%016X", key.getKeyID());
	}

	private static String primaryProblem(PGPPublicKey primary, Date now) {
		if (primary.getVersion() != 4) {
			// GnuPG 2.2 reads only v4 keys; v5/v6 keys would also make BC write v6 packets.
			return describe(primary) + " has version " + primary.getVersion() + " (GnuPG 2.2 needs version 4)";
		}
		for (PGPSignature sig : list(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION))) {
			if (verifies(sig, primary, () -> sig.verifyCertification(primary))) {
				return describe(primary) + " is revoked";
			}
		}
		Optional<PGPSignature> selfSig = primarySelfSignature(primary);
		if (selfSig.isEmpty()) {
			return describe(primary) + " has no valid self-signature";
		}
		return expiryProblem(primary, selfSig.get(), now);
	}

	private static String subkeyProblem(PGPPublicKey primary, PGPPublicKey subkey, int wantedFlags, Date now) {
		for (PGPSignature sig : list(subkey.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION))) {
			if (verifies(sig, primary, () -> sig.verifyCertification(primary, subkey))) {
				return describe(subkey) + " is revoked";
			}
		}
		Optional<PGPSignature> binding = newest(list(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING)).stream()
			.filter((sig) -> verifies(sig, primary, () -> sig.verifyCertification(primary, subkey)))
			.toList());
		if (binding.isEmpty()) {
			return describe(subkey) + " has no valid binding signature";
		}
		String expired = expiryProblem(subkey, binding.get(), now);
		return (expired != null) ? expired : purposeProblem(subkey, binding, wantedFlags);
	}

	private static String purposeProblem(PGPPublicKey key, Optional<PGPSignature> selfSig, int wantedFlags) {
		PGPSignatureSubpacketVector hashed = selfSig.map(PGPSignature::getHashedSubPackets).orElse(null);
		boolean hasFlags = hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS);
		// Keys from before key flags existed: infer the purpose from the algorithm, as RFC 4880 allows.
		boolean allowed = hasFlags ? (hashed.getKeyFlags() & wantedFlags) != 0 : algorithmAllows(key, wantedFlags);
		if (!allowed || !algorithmAllows(key, wantedFlags)) {
			return describe(key) + " is not flagged for " + purpose(wantedFlags);
		}
		return null;
	}

	private static String expiryProblem(PGPPublicKey key, PGPSignature selfSig, Date now) {
		PGPSignatureSubpacketVector hashed = selfSig.getHashedSubPackets();
		long seconds = (hashed != null) ? hashed.getKeyExpirationTime() : 0;
		if (seconds > 0 && key.getCreationTime().getTime() + seconds * 1000 <= now.getTime()) {
			return describe(key) + " has expired";
		}
		return null;
	}

	/** The newest self-certification of a user ID or direct-key signature that verifies. */
	private static Optional<PGPSignature> primarySelfSignature(PGPPublicKey primary) {
		List<PGPSignature> valid = new ArrayList<>();
		for (byte[] userId : list(primary.getRawUserIDs())) {
			for (PGPSignature sig : list(primary.getSignaturesForID(userId))) {
				if (sig.isCertification() && verifies(sig, primary, () -> sig.verifyCertification(userId, primary))) {
					valid.add(sig);
				}
			}
		}
		for (PGPSignature sig : list(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY))) {
			if (verifies(sig, primary, () -> sig.verifyCertification(primary))) {
				valid.add(sig);
			}
		}
		return newest(valid);
	}

	private static Optional<PGPSignature> newest(List<PGPSignature> sigs) {
		return sigs.stream().max((a, b) -> a.getCreationTime().compareTo(b.getCreationTime()));
	}

	private static boolean algorithmAllows(PGPPublicKey key, int wantedFlags) {
		int algorithm = key.getAlgorithm();
		if (wantedFlags == OpenPgpKeys.ENCRYPT_FLAGS) {
			return switch (algorithm) {
				case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT,
						PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_GENERAL,
						PublicKeyAlgorithmTags.ECDH, PublicKeyAlgorithmTags.X25519, PublicKeyAlgorithmTags.X448 -> true;
				default -> false;
			};
		}
		return switch (algorithm) {
			case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA,
					PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
					PublicKeyAlgorithmTags.Ed448 -> true;
			default -> false;
		};
	}

	private static String purpose(int flags) {
		return (flags == OpenPgpKeys.ENCRYPT_FLAGS) ? "encryption" : "signing";
	}

	private interface Check {

		boolean run() throws PGPException;

	}

	// A signature we cannot check (unknown algorithm, made by another key) simply does not count.
	private static boolean verifies(PGPSignature sig, PGPPublicKey primary, Check check) {
		if (sig.getKeyID() != primary.getKeyID() && sig.getKeyID() != 0) {
			return false;
		}
		try {
			sig.init(VERIFIERS, primary);
			return check.run();
		}
		catch (PGPException | RuntimeException ex) {
			return false;
		}
	}

	private static <T> List<T> list(Iterator<T> it) {
		List<T> out = new ArrayList<>();
		it.forEachRemaining(out::add);
		return out;
	}

}

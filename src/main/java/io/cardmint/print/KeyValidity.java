package io.cardmint.print;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.jcajce.JcaOpenPGPImplementation;

/**
 * Decides which keys of one key ring may be used for a purpose. Bouncy Castle's
 * {@link OpenPGPCertificate} does the judging: it verifies self-signatures, subkey bindings
 * (signed by this primary key, with a valid back-signature for signing subkeys) and revocations,
 * honours expiry and reads the key flags of the newest valid self-signature. A key without key
 * flags is used for nothing, like BC does (GnuPG would guess from the algorithm).
 *
 * <p>Ours are only the parts BC does not do: refusing keys that are not version 4 (GnuPG 2.2
 * reads nothing else), preferring the newest subkey, and saying in words why a key is refused.
 */
final class KeyValidity {

	static final OpenPGPImplementation IMPLEMENTATION = new JcaOpenPGPImplementation(OpenPgpKeys.PROVIDER,
			new SecureRandom());

	/** A key that is usable for the purpose, or why it is not. */
	record Verdict(PGPPublicKey key, String problem) {

		boolean usable() {
			return this.problem == null;
		}

	}

	enum Purpose {

		ENCRYPTION, SIGNING;

		String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** Usable keys first; among them subkeys before the primary key, the newest first. */
	static final Comparator<Verdict> PREFERRED = Comparator.comparing((Verdict v) -> !v.usable())
		.thenComparing((Verdict v) -> v.key().isMasterKey())
		.thenComparing((Verdict v) -> v.key().getCreationTime(), Comparator.reverseOrder());

	private KeyValidity() {
	}

	/** Judges every key of a ring for the purpose at the given time, preferred keys first. */
	static List<Verdict> judge(PGPKeyRing ring, Purpose purpose, Date now) {
		List<PGPPublicKey> keys = new ArrayList<>();
		ring.getPublicKeys().forEachRemaining(keys::add);
		PGPPublicKey primary = keys.get(0);
		List<Verdict> verdicts = new ArrayList<>();
		if (primary.getVersion() != 4) {
			// GnuPG 2.2 reads only v4 keys; a v6 key would also make BC write v6 packets (SEIPD v2).
			String problem = describe(primary) + " has version " + primary.getVersion()
					+ " (GnuPG 2.2 reads only version 4 keys)";
			keys.forEach((key) -> verdicts.add(new Verdict(key, problem)));
			return verdicts;
		}
		OpenPGPCertificate certificate = new OpenPGPCertificate(ring, IMPLEMENTATION);
		List<OpenPGPComponentKey> usable = (purpose == Purpose.ENCRYPTION) ? certificate.getEncryptionKeys(now)
				: certificate.getSigningKeys(now);
		for (OpenPGPComponentKey key : certificate.getKeys()) {
			String problem = usable.contains(key) ? null : problem(certificate, key, purpose, now);
			verdicts.add(new Verdict(key.getPGPPublicKey(), problem));
		}
		verdicts.sort(PREFERRED);
		return verdicts;
	}

	static String describe(PGPPublicKey key) {
		return (key.isMasterKey() ? "primary key " : "subkey ") + String.format("%016X", key.getKeyID());
	}

	/** Why BC refused a key, the primary key's problems first since they spoil every subkey. */
	private static String problem(OpenPGPCertificate certificate, OpenPGPComponentKey key, Purpose purpose,
			Date now) {
		OpenPGPComponentKey primary = certificate.getPrimaryKey();
		String primaryProblem = validityProblem(primary, now, "self-signature");
		if (primaryProblem != null) {
			return primaryProblem;
		}
		String keyProblem = key.isPrimaryKey() ? null : validityProblem(key, now, "binding signature");
		return (keyProblem != null) ? keyProblem
				: describe(key.getPGPPublicKey()) + " is not flagged for " + purpose.word();
	}

	private static String validityProblem(OpenPGPComponentKey key, Date now, String signature) {
		String which = describe(key.getPGPPublicKey());
		if (key.getRevocation(now) != null && key.getRevocation(now).isRevocation()) {
			return which + " is revoked";
		}
		Date expiry = key.getKeyExpirationDateAt(now);
		if (expiry != null && !expiry.after(now)) {
			return which + " has expired (" + expiry.toInstant() + ")";
		}
		if (!key.isBoundAt(now)) {
			return which + " has no valid " + signature;
		}
		return null;
	}

}

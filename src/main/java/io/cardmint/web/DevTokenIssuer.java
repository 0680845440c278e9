package io.cardmint.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The local development issuer: an RSA key pair kept in the data dir, so that a fresh clone
 * can mint tokens ({@code cardmint token}) and call the API without an identity provider.
 * Used only when no external issuer is configured with Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} keys.
 */
public final class DevTokenIssuer {

	public static final String ISSUER = "cardmint-dev";

	public static final String ACCOUNT_CLAIM = "account_id";

	private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

	private final RSAPublicKey publicKey;

	private final RSAPrivateKey privateKey;

	private DevTokenIssuer(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
		this.publicKey = publicKey;
		this.privateKey = privateKey;
	}

	/** Boot's keys that configure an external issuer; any of them turns this one off. */
	public static final List<String> EXTERNAL_ISSUER_KEYS = List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			"spring.security.oauth2.resourceserver.jwt.public-key-location");

	/** Whether this issuer signs and verifies the API's tokens: no external issuer is configured. */
	public static boolean isEnabled(Environment environment) {
		return EXTERNAL_ISSUER_KEYS.stream().noneMatch((key) -> {
			String value = environment.getProperty(key);
			return value != null && !value.isBlank();
		});
	}

	public static DevTokenIssuer loadOrCreate(Path dataDir) {
		Path privateFile = dataDir.resolve("dev-issuer.key");
		Path publicFile = dataDir.resolve("dev-issuer.pub");
		try {
			if (!Files.exists(privateFile)) {
				create(privateFile, publicFile);
			}
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateKey privateKey = (RSAPrivateKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(privateFile))));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(Files.readString(publicFile))));
			return new DevTokenIssuer(publicKey, privateKey);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the development issuer key in " + dataDir, ex);
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException ex) {
			throw new IllegalStateException("development issuer key in " + dataDir + " is unreadable: " + ex.getMessage(),
					ex);
		}
	}

	private static void create(Path privateFile, Path publicFile) throws IOException, NoSuchAlgorithmException {
		Files.createDirectories(privateFile.getParent());
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		Files.writeString(publicFile, Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()));
		Path temp = privateFile.resolveSibling(privateFile.getFileName() + ".tmp");
		Files.deleteIfExists(temp);
		Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temp, Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()));
		Files.move(temp, privateFile);
		log.warn("Created a development token issuer key pair in {} (for local use only)", privateFile.getParent());
	}

	public RSAPublicKey publicKey() {
		return this.publicKey;
	}

	public String mint(String subject, String accountId, List<String> scopes, Duration ttl) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(subject)
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(now.plus(ttl))
			.claim(ACCOUNT_CLAIM, accountId)
			.claim("scope", String.join(" ", scopes))
			.build();
		RSAKey jwk = new RSAKey.Builder(this.publicKey).privateKey(this.privateKey).keyID(ISSUER).build();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(ISSUER).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}

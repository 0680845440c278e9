package io.cardmint.order;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an order's lease: host name, pid, the process's start time, where its pid is valid
 * (the kernel's boot id and pid namespace) and a nonce per application context, written as
 * {@code host/pid/start-millis/boot.pidns/nonce}. In the same boot and pid namespace a holder
 * whose pid is gone, or now belongs to a process that started at another time, is known to be
 * dead at once; on another machine (or container runtime without a shared pid namespace)
 * nothing can be checked and only the lease's expiry tells.
 */
record LeaseOwner(String host, long pid, long startedAtMillis, String pidSpace, String nonce) {

	private static final String HOST = localHost();

	private static final String PID_SPACE = localPidSpace();

	/** This process, with a fresh nonce (two contexts in one JVM are two holders). */
	static LeaseOwner current() {
		ProcessHandle self = ProcessHandle.current();
		return new LeaseOwner(HOST, self.pid(), startedAt(self).orElse(0L), (PID_SPACE != null) ? PID_SPACE : "-",
				UUID.randomUUID().toString().substring(0, 8));
	}

	/** Empty for a holder written in another shape (e.g. by an older version): expiry decides. */
	static Optional<LeaseOwner> parse(String text) {
		String[] parts = (text != null) ? text.split("/") : new String[0];
		if (parts.length != 5) {
			return Optional.empty();
		}
		try {
			return Optional.of(new LeaseOwner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3],
					parts[4]));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the holder is certainly dead: it ran on this host in this pid namespace and no
	 * process with its pid and start time runs any more. A start time that cannot be read counts
	 * as alive.
	 */
	static boolean isKnownDead(String holder) {
		return parse(holder).filter(LeaseOwner::isHere).map((owner) -> !owner.isAlive()).orElse(false);
	}

	private boolean isHere() {
		return PID_SPACE != null && PID_SPACE.equals(this.pidSpace);
	}

	private boolean isAlive() {
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return false;
		}
		return startedAt(process.get()).map((started) -> started == this.startedAtMillis).orElse(true);
	}

	@Override
	public String toString() {
		return this.host + "/" + this.pid + "/" + this.startedAtMillis + "/" + this.pidSpace + "/" + this.nonce;
	}

	private static Optional<Long> startedAt(ProcessHandle process) {
		return process.info().startInstant().map(Instant::toEpochMilli);
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown-host";
		}
	}

	/**
	 * The boot id tells machines (and boots) apart even when host names repeat; the pid namespace
	 * tells containers of one machine apart. Null where Linux's /proc does not say.
	 */
	private static String localPidSpace() {
		try {
			String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "");
			String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\D", "");
			return (boot.isEmpty() || namespace.isEmpty()) ? null : boot + "." + namespace;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

}

package io.cardmint.card;

import java.util.Map;

import io.cardmint.domain.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's wallet settings. {@code PATCH} changes the fields it names (JSON merge patch:
 * a field set to null clears it) and leaves the others as they are.
 */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets/settings")
class SettingsController {

	/** Ten years: longer is not a gift card's validity but a mistake. */
	static final int MAX_EXPIRES_IN_DAYS = 3660;

	private static final String DAYS = "default_card_expires_in_days";

	private final WalletSettings settings;

	private final TransactionTemplate transaction;

	SettingsController(WalletSettings settings, TransactionTemplate transaction) {
		this.settings = settings;
		this.transaction = transaction;
	}

	@Operation(operationId = "getSettings", summary = "Get the account's wallet settings")
	@GetMapping
	WalletSettings.Settings get(@PathVariable String aid) {
		return this.settings.find(aid);
	}

	@Operation(operationId = "updateSettings", summary = "Change the account's wallet settings")
	@PatchMapping
	WalletSettings.Settings patch(@PathVariable String aid,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					schema = @Schema(implementation = WalletSettings.Settings.class))) @RequestBody Map<String,
							Object> patch,
			Authentication caller) {
		return this.transaction.execute((status) -> {
			WalletSettings.Settings current = this.settings.find(aid);
			Integer days = current.defaultCardExpiresInDays();
			patch.keySet()
				.stream()
				.filter((field) -> !field.equals(DAYS))
				.findFirst()
				.ifPresent((field) -> {
					throw DomainException.invalid("unknown_field", "unknown field '"
							+ field.substring(0, Math.min(field.length(), 64)) + "'; settings have only " + DAYS);
				});
			if (patch.containsKey(DAYS)) {
				days = days(patch.get(DAYS));
			}
			WalletSettings.Settings changed = new WalletSettings.Settings(days);
			this.settings.save(aid, changed, caller.getName(), Sales.now());
			return changed;
		});
	}

	private static Integer days(Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Integer days) || days < 1 || days > MAX_EXPIRES_IN_DAYS) {
			throw DomainException.invalid("invalid_request",
					DAYS + " must be an integer from 1 to " + MAX_EXPIRES_IN_DAYS + ", or null for no expiry");
		}
		return days;
	}

}

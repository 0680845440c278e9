package io.cardmint.web;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request when the bearer token names the account in the path ({@code {aid}}) and
 * holds one of the given scopes. A token of another account gets 403 before any lookup, so a
 * card of another account is never revealed, not even by a 404.
 */
final class AccountAccess implements AuthorizationManager<RequestAuthorizationContext> {

	/** DESIGN §6: an account id is P or T and eight digits; anything else is no account of ours. */
	private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[PT]\\d{8}");

	private final List<String> authorities;

	private AccountAccess(List<String> scopes) {
		this.authorities = scopes.stream().map((scope) -> "SCOPE_" + scope).toList();
	}

	static AccountAccess withAnyScope(List<String> scopes) {
		return new AccountAccess(scopes);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof JwtAuthenticationToken jwt)) {
			return new AuthorizationDecision(false);
		}
		String account = jwt.getToken().getClaimAsString(DevTokenIssuer.ACCOUNT_CLAIM);
		String aid = context.getVariables().get("aid");
		boolean sameAccount = account != null && account.equals(aid) && aid != null && ACCOUNT_ID.matcher(aid).matches();
		boolean hasScope = jwt.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(this.authorities::contains);
		return new AuthorizationDecision(sameAccount && hasScope);
	}

}

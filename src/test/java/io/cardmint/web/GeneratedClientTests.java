package io.cardmint.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.cardmint.client.ApiClient;
import io.cardmint.client.ApiException;
import io.cardmint.client.api.CardsApi;
import io.cardmint.client.api.PaymentsApi;
import io.cardmint.client.model.Activation;
import io.cardmint.client.model.BatchCreateRequest;
import io.cardmint.client.model.BatchCreateResponse;
import io.cardmint.client.model.CardRequest;
import io.cardmint.client.model.CardView;
import io.cardmint.client.model.CodeFormat;
import io.cardmint.client.model.FormatOption;
import io.cardmint.client.model.InfoRequest;
import io.cardmint.client.model.InfoView;
import io.cardmint.client.model.Options;
import io.cardmint.client.model.TransactionRequest;
import io.cardmint.client.model.TransactionView;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API driven through the Java client that openapi-generator makes from the committed
 * {@code api/openapi.yaml} at build time (test scope, {@code io.cardmint.client}): what a
 * merchant generating a client from the document gets must work, and every field sent must
 * come back as sent.
 */
class GeneratedClientTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T60000001";

	private CardsApi cards(String scope) {
		return new CardsApi(client(scope));
	}

	private PaymentsApi payments(String scope) {
		return new PaymentsApi(client(scope));
	}

	private ApiClient client(String scope) {
		String token = api().token(ACCOUNT, scope);
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + this.port);
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		return client;
	}

	private static CodeFormat seedFormat() {
		return new CodeFormat().length(36)
			.prefix("DINCARD:")
			.symbols(true)
			.numbers(true)
			.characters(true)
			.barcode(false);
	}

	/** The seed's batch create, built from the generated model. */
	private static BatchCreateRequest seedBatch(String first, String second) {
		return new BatchCreateRequest().cards(List.of(new CardRequest().cardId(first).type("gift_card"),
				new CardRequest().cardId(second).type("gift_card")))
			.options(new Options().pin(new FormatOption().format(seedFormat()))
				.cardToken(new FormatOption().format(seedFormat())));
	}

	private static Activation seedActivation() {
		return new Activation().customerId("customer-7")
			.name("Kari Nordmann")
			.amount(50000L)
			.currency("NOK")
			.originatedBy("till-3")
			.activeFrom(OffsetDateTime.of(2019, 8, 24, 14, 15, 22, 0, ZoneOffset.UTC))
			.expiresAt(OffsetDateTime.of(2099, 8, 24, 14, 15, 22, 0, ZoneOffset.UTC))
			.metadata(Map.of("dintero_transaction_id", "P12345678.xxxxx", "till", 3));
	}

	@Test
	void batchCreateActivateGetAndListRoundTripEveryField() throws ApiException {
		CardsApi cards = cards(Scopes.WRITE);
		BatchCreateResponse created = cards.createBatch(ACCOUNT, seedBatch("gen-01", "gen-02"));
		assertThat(created.getCards()).extracting(CardView::getCardId).containsExactly("gen-01", "gen-02");
		CardView first = created.getCards().get(0);
		assertThat(first.getType()).isEqualTo(CardView.TypeEnum.GIFT_CARD);
		assertThat(first.getStatus()).isEqualTo(CardView.StatusEnum.INACTIVE);
		assertThat(first.getCreatedBy()).isEqualTo("test:" + ACCOUNT);
		assertThat(first.getCardToken().getFormat()).isEqualTo(seedFormat());
		assertThat(first.getPin().getFormat()).isEqualTo(seedFormat());
		assertThat(first.getCardToken().getToken().getValue()).startsWith("DINCARD:").hasSize(44);
		assertThat(first.getPin().getPin().getValue()).startsWith("DINCARD:").hasSize(44);

		Activation sale = seedActivation();
		CardView activated = cards.activate(ACCOUNT, "gen-01", sale);
		assertThat(activated.getStatus()).isEqualTo(CardView.StatusEnum.UNUSED);
		assertThat(activated.getCustomerId()).isEqualTo(sale.getCustomerId());
		assertThat(activated.getName()).isEqualTo(sale.getName());
		assertThat(activated.getBalance()).isEqualTo(sale.getAmount());
		assertThat(activated.getAvailableBalance()).isEqualTo(sale.getAmount());
		assertThat(activated.getCurrency()).isEqualTo(sale.getCurrency());
		assertThat(activated.getOriginatedBy()).isEqualTo(sale.getOriginatedBy());
		assertThat(activated.getActiveFrom()).isEqualTo(sale.getActiveFrom());
		assertThat(activated.getExpiresAt()).isEqualTo(sale.getExpiresAt());
		assertThat(activated.getMetadata()).isEqualTo(sale.getMetadata());
		assertThat(activated.getCardToken().getToken()).isNull();
		assertThat(activated.getPin().getPin()).isNull();

		CardView read = cards(Scopes.READ).getCard(ACCOUNT, "gen-01");
		assertThat(read).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(activated);

		List<CardView> listed = cards(Scopes.READ).listCards(ACCOUNT, 100, null, "unused");
		assertThat(listed).extracting(CardView::getCardId).contains("gen-01").doesNotContain("gen-02");
		assertThat(listed.stream().filter((card) -> card.getCardId().equals("gen-01")).findFirst().orElseThrow())
			.usingRecursiveComparison()
			.isEqualTo(read);
	}

	@Test
	void drawdownByTokenAndPinThenPendingCaptureAndVoid() throws ApiException {
		CardsApi cards = cards(Scopes.WRITE);
		CardView issued = cards.createBatch(ACCOUNT, seedBatch("gen-pay-01", "gen-pay-02")).getCards().get(0);
		String token = issued.getCardToken().getToken().getValue();
		String pin = issued.getPin().getPin().getValue();
		cards.activate(ACCOUNT, "gen-pay-01", seedActivation());
		PaymentsApi payments = payments(Scopes.WRITE);

		TransactionView drawdown = payments.transact(ACCOUNT, new TransactionRequest().type("drawdown")
			.token(token)
			.pin(pin)
			.amount(1200L)
			.currency("NOK")
			.refId("gen-ref-1"));
		assertThat(drawdown.getType()).isEqualTo(TransactionView.TypeEnum.DRAWDOWN);
		assertThat(drawdown.getStatus()).isEqualTo(TransactionView.StatusEnum.COMPLETED);
		assertThat(drawdown.getAmount()).isEqualTo(1200L);
		assertThat(drawdown.getCurrency()).isEqualTo("NOK");
		assertThat(drawdown.getRefId()).isEqualTo("gen-ref-1");
		assertThat(drawdown.getCardId()).isEqualTo("gen-pay-01");
		assertThat(drawdown.getCard().getBalance()).isEqualTo(48800L);
		assertThat(payments(Scopes.READ).getTransaction(ACCOUNT, drawdown.getId().toString()))
			.usingRecursiveComparison()
			.ignoringFields("card")
			.isEqualTo(drawdown);

		TransactionView pending = payments.transact(ACCOUNT, new TransactionRequest().type("drawdown")
			.cardId("gen-pay-01")
			.amount(300L)
			.currency("NOK")
			.refId("gen-ref-2")
			.pending(true));
		assertThat(pending.getStatus()).isEqualTo(TransactionView.StatusEnum.PENDING);
		assertThat(pending.getCard().getAvailableBalance()).isEqualTo(48500L);
		TransactionView captured = payments.capture(ACCOUNT, pending.getId().toString());
		assertThat(captured.getStatus()).isEqualTo(TransactionView.StatusEnum.CAPTURED);
		assertThat(captured.getCard().getBalance()).isEqualTo(48500L);

		TransactionView reserved = payments.transact(ACCOUNT, new TransactionRequest().type("drawdown")
			.cardId("gen-pay-01")
			.amount(500L)
			.currency("NOK")
			.refId("gen-ref-3")
			.pending(true));
		TransactionView voided = payments.voidTransaction(ACCOUNT, reserved.getId().toString());
		assertThat(voided.getStatus()).isEqualTo(TransactionView.StatusEnum.VOIDED);
		assertThat(voided.getCard().getAvailableBalance()).isEqualTo(48500L);

		InfoView info = payments(Scopes.READ).info(ACCOUNT, new InfoRequest().token(token).pin(pin));
		assertThat(info.getCardId()).isEqualTo("gen-pay-01");
		assertThat(info.getBalance()).isEqualTo(48500L);
		assertThat(info.getStatus()).isEqualTo(InfoView.StatusEnum.ACTIVE);
	}

	@Test
	void errorsReachTheClientInTheErrorShape() {
		assertThatThrownBy(() -> cards(Scopes.READ).getCard(ACCOUNT, "no-such-card"))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.getCode()).isEqualTo(404);
				assertThat(ex.getResponseBody()).contains("\"code\":\"not_found\"");
			});
	}

}

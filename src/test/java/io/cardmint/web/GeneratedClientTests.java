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
import io.cardmint.client.model.CardList;
import io.cardmint.client.model.CardRequest;
import io.cardmint.client.model.CardView;
import io.cardmint.client.model.CodeFormat;
import io.cardmint.client.model.FormatOption;
import io.cardmint.client.model.InfoRequest;
import io.cardmint.client.model.Options;
import io.cardmint.client.model.RotatePinRequest;
import io.cardmint.client.model.RotatePinResponse;
import io.cardmint.client.model.SettleRequest;
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

	/** Bearer auth as Swagger UI's Authorize sends it, with a token as {@code cardmint token} mints it. */
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
		return new BatchCreateRequest().cards(List.of(new CardRequest().cardId(first).type(CardRequest.TypeEnum.GIFT_CARD),
				new CardRequest().cardId(second).type(CardRequest.TypeEnum.GIFT_CARD)))
			.options(new Options().pin(new FormatOption().format(seedFormat()))
				.cardToken(new FormatOption().format(seedFormat())));
	}

	private static Activation seedActivation() {
		return new Activation().customerId("customer-7")
			.name("Kari Nordmann")
			.amount(50000L)
			.currency(Activation.CurrencyEnum.NOK)
			.originatedBy("till-3")
			.activeFrom(OffsetDateTime.of(2019, 8, 24, 14, 15, 22, 0, ZoneOffset.UTC))
			.expiresAt(OffsetDateTime.of(2099, 8, 24, 14, 15, 22, 0, ZoneOffset.UTC))
			.metadata(Map.of("dintero_transaction_id", "P12345678.xxxxx", "till", 3));
	}

	@Test
	void batchCreateActivateGetAndListRoundTripEveryField() throws ApiException {
		CardsApi cards = cards(Scopes.WRITE);
		CardList created = cards.createCardsBatch(ACCOUNT, seedBatch("gen-01", "gen-02"));
		assertThat(created.getCards()).extracting(CardView::getCardId).containsExactly("gen-01", "gen-02");
		CardView first = created.getCards().get(0);
		assertThat(first.getType()).isEqualTo(CardView.TypeEnum.GIFT_CARD);
		assertThat(first.getStatus()).isEqualTo(CardView.StatusEnum.INACTIVE);
		assertThat(first.getCreatedBy()).isEqualTo("test:" + ACCOUNT);
		assertThat(first.getCardToken().getFormat()).isEqualTo(seedFormat());
		assertThat(first.getPin().getFormat()).isEqualTo(seedFormat());
		assertThat(first.getCardToken().getToken().getValue()).startsWith("DINCARD:").hasSize(44);
		assertThat(first.getPin().getPin().getValue()).startsWith("DINCARD:").hasSize(44);
		assertThat(first.getAmountBalance()).isZero();

		Activation sale = seedActivation();
		CardView activated = cards.activateCard(ACCOUNT, "gen-01", sale);
		assertThat(activated.getStatus()).isEqualTo(CardView.StatusEnum.UNUSED);
		assertThat(activated.getCustomerId()).isEqualTo(sale.getCustomerId());
		assertThat(activated.getName()).isEqualTo(sale.getName());
		assertThat(activated.getAmount()).isEqualTo(sale.getAmount());
		assertThat(activated.getAmountBalance()).isEqualTo(sale.getAmount());
		assertThat(activated.getAmountAvailable()).isEqualTo(sale.getAmount());
		assertThat(activated.getAmountFunds()).isEqualTo(sale.getAmount());
		assertThat(activated.getAmountDrawdown()).isZero();
		assertThat(activated.getCurrency()).isEqualTo(sale.getCurrency().getValue());
		assertThat(activated.getOriginatedBy()).isEqualTo(sale.getOriginatedBy());
		assertThat(activated.getActiveFrom()).isEqualTo(sale.getActiveFrom());
		assertThat(activated.getExpiresAt()).isEqualTo(sale.getExpiresAt());
		assertThat(activated.getMetadata()).isEqualTo(sale.getMetadata());
		assertThat(activated.getCardToken().getToken()).isNull();
		assertThat(activated.getPin().getPin()).isNull();

		CardView read = cards(Scopes.READ).getCard(ACCOUNT, "gen-01");
		assertThat(read).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(activated);

		CardList listed = cards(Scopes.READ).listCards(ACCOUNT, 100, null, "unused", "customer-7", null, null);
		assertThat(listed.getCards()).extracting(CardView::getCardId).containsExactly("gen-01");
		assertThat(listed.getCards().get(0)).usingRecursiveComparison().isEqualTo(read);
	}

	@Test
	void drawdownByTokenAndPinPartialCaptureVoidAndRotatePin() throws ApiException {
		CardsApi cards = cards(Scopes.WRITE);
		CardView issued = cards.createCardsBatch(ACCOUNT, seedBatch("gen-pay-01", "gen-pay-02")).getCards().get(0);
		String token = issued.getCardToken().getToken().getValue();
		String pin = issued.getPin().getPin().getValue();
		cards.activateCard(ACCOUNT, "gen-pay-01", seedActivation());
		PaymentsApi payments = payments(Scopes.WRITE);

		TransactionRequest sale = new TransactionRequest().type(TransactionRequest.TypeEnum.DRAWDOWN)
			.token(token)
			.pin(pin)
			.amount(1200L)
			.currency(TransactionRequest.CurrencyEnum.NOK)
			.refId("gen-ref-1")
			.originatedBy("till-3")
			.metadata(Map.of("receipt", "r-1"));
		TransactionView drawdown = payments.createTransaction(ACCOUNT, sale);
		assertThat(drawdown.getType()).isEqualTo(TransactionView.TypeEnum.DRAWDOWN);
		assertThat(drawdown.getStatus()).isEqualTo(TransactionView.StatusEnum.COMPLETED);
		assertThat(drawdown.getAmount()).isEqualTo(1200L);
		assertThat(drawdown.getCurrency()).isEqualTo("NOK");
		assertThat(drawdown.getRefId()).isEqualTo("gen-ref-1");
		assertThat(drawdown.getCardId()).isEqualTo("gen-pay-01");
		assertThat(drawdown.getOriginatedBy()).isEqualTo("till-3");
		assertThat(drawdown.getMetadata()).isEqualTo(Map.of("receipt", "r-1"));
		assertThat(drawdown.getCreatedBy()).isEqualTo("test:" + ACCOUNT);
		assertThat(drawdown.getParentId()).isNull();
		assertThat(payments(Scopes.READ).getTransaction(ACCOUNT, drawdown.getId().toString()))
			.usingRecursiveComparison()
			.isEqualTo(drawdown);

		TransactionView pending = payments.createTransaction(ACCOUNT,
				new TransactionRequest().type(TransactionRequest.TypeEnum.DRAWDOWN)
					.cardId("gen-pay-01")
					.amount(300L)
					.currency(TransactionRequest.CurrencyEnum.NOK)
					.refId("gen-ref-2")
					.pending(true));
		assertThat(pending.getStatus()).isEqualTo(TransactionView.StatusEnum.PENDING);
		assertThat(cards.getCard(ACCOUNT, "gen-pay-01").getAmountAvailable()).isEqualTo(48500L);
		TransactionView captured = payments.captureTransaction(ACCOUNT, pending.getId().toString(),
				new SettleRequest().refId("gen-cap-1").amount(100L).metadata(Map.of("partial", true)));
		assertThat(captured.getType()).isEqualTo(TransactionView.TypeEnum.CAPTURE);
		assertThat(captured.getParentId()).isEqualTo(pending.getId());
		assertThat(captured.getAmount()).isEqualTo(100L);
		assertThat(captured.getRefId()).isEqualTo("gen-cap-1");
		assertThat(captured.getMetadata()).isEqualTo(Map.of("partial", true));
		CardView afterCapture = cards.getCard(ACCOUNT, "gen-pay-01");
		assertThat(afterCapture.getAmountBalance()).as("only the captured 100 of 300 left the card").isEqualTo(48700L);
		assertThat(afterCapture.getAmountAvailable()).isEqualTo(48700L);
		assertThat(afterCapture.getAmountReserved()).isZero();

		TransactionView reserved = payments.createTransaction(ACCOUNT,
				new TransactionRequest().type(TransactionRequest.TypeEnum.DRAWDOWN)
					.cardId("gen-pay-01")
					.amount(500L)
					.currency(TransactionRequest.CurrencyEnum.NOK)
					.refId("gen-ref-3")
					.pending(true));
		TransactionView voided = payments.voidTransaction(ACCOUNT, reserved.getId().toString(),
				new SettleRequest().refId("gen-void-1"));
		assertThat(voided.getType()).isEqualTo(TransactionView.TypeEnum.VOID);
		assertThat(voided.getParentId()).isEqualTo(reserved.getId());
		assertThat(cards.getCard(ACCOUNT, "gen-pay-01").getAmountAvailable()).isEqualTo(48700L);

		RotatePinResponse rotated = cards.rotateCardPin(ACCOUNT, "gen-pay-01",
				new RotatePinRequest().pin(new FormatOption().format(new CodeFormat().length(6).numbers(true))));
		String newPin = rotated.getPin().getPin().getValue();
		assertThat(newPin).hasSize(6).containsOnlyDigits();
		assertThat(rotated.getPin().getFormat().getLength()).isEqualTo(6);
		CardView byToken = payments(Scopes.READ).getCardInfo(ACCOUNT, new InfoRequest().token(token).pin(newPin));
		assertThat(byToken.getCardId()).isEqualTo("gen-pay-01");
		assertThat(byToken.getAmountBalance()).isEqualTo(48700L);
		assertThatThrownBy(() -> payments(Scopes.READ).getCardInfo(ACCOUNT, new InfoRequest().token(token).pin(pin)))
			.as("the old PIN is gone")
			.isInstanceOfSatisfying(ApiException.class, (ex) -> assertThat(ex.getCode()).isEqualTo(403));
	}

	@Test
	void errorsReachTheClientInTheErrorShape() {
		assertThatThrownBy(() -> cards(Scopes.READ).getCard(ACCOUNT, "no-such-card"))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.getCode()).isEqualTo(404);
				assertThat(ex.getResponseBody()).contains("\"code\":\"");
			});
	}

}

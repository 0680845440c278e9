package io.cardmint.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import io.cardmint.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order manifest over HTTP: {@code POST} checks and accepts it exactly as {@code cardmint
 * order} would and answers 202 with the order's location while the job runs in the
 * background; {@code GET} shows its progress. Account and scope are checked by the security
 * chain; the manifest must name the account of the path.
 */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets/cards/batch-orders")
class BatchOrderController {

	private static final Logger log = LoggerFactory.getLogger(BatchOrderController.class);

	private final OrderIntake intake;

	private final OrderWorkers workers;

	private final BatchOrderViews views;

	private final Path manifests;

	BatchOrderController(OrderIntake intake, OrderWorkers workers, BatchOrderViews views,
			@Value("${cardmint.data-dir}") Path dataDir) {
		this.intake = intake;
		this.workers = workers;
		this.views = views;
		this.manifests = dataDir.resolve("manifests");
	}

	@Operation(operationId = "createBatchOrder", summary = "Order cards with a manifest (runs in the background)")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<BatchOrderView> create(@PathVariable String aid, InputStream body) {
		if (!ManifestReader.ACCOUNT_ID.matcher(aid).matches()) {
			throw ApiException.badRequest("invalid_request", "account id must match ^[PT]\\d{8}$");
		}
		// Streamed to a file, not held in memory: a manifest may list 10,000,000 cards.
		Path file = save(aid, body);
		Order order;
		try {
			order = this.intake.accept(file, aid);
		}
		catch (ForeignAccountException ex) {
			delete(file);
			throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", ex.getMessage());
		}
		catch (OrderExistsException ex) {
			delete(file);
			throw ApiException.conflict("order_exists", ex.getMessage());
		}
		catch (ManifestException ex) {
			delete(file);
			throw ApiException.badRequest("invalid_manifest", ex.getMessage());
		}
		catch (RuntimeException ex) {
			delete(file);
			throw ex;
		}
		// intake keeps its own copy of a listed manifest for the job; a range's needs none
		delete(file);
		log.info("Order {} of account {} accepted over HTTP; running it in the background", order.orderRef(), aid);
		this.workers.submit(order);
		return ResponseEntity.accepted()
			.location(URI.create("/v1/accounts/" + aid + "/wallets/cards/batch-orders/" + order.orderRef()))
			.body(this.views.view(order));
	}

	@Operation(operationId = "getBatchOrder", summary = "Get an order's progress")
	@GetMapping("/{orderRef}")
	BatchOrderView get(@PathVariable String aid, @PathVariable String orderRef) {
		return this.views.find(aid, orderRef)
			.orElseThrow(() -> ApiException.notFound("no such order in this account"));
	}

	private Path save(String aid, InputStream body) {
		try {
			Path dir = Files.createDirectories(this.manifests.resolve(aid));
			Path file = dir.resolve(UUID.randomUUID() + ".json");
			Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store the manifest: " + ex.getMessage(), ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the uploaded manifest {}: {}", file, ex.getMessage());
		}
	}

}

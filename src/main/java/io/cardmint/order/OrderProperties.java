package io.cardmint.order;


import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cardmint.order.*}: how an order job runs. Partitions default to the cores; the grid
 * size is fixed per order when it is accepted, so a restart splits the work the same way.
 */
@ConfigurationProperties("cardmint.order")
public record OrderProperties(Integer gridSize, Integer chunkSize) {

	public int partitions() {
		return (this.gridSize != null && this.gridSize > 0) ? this.gridSize
				: Runtime.getRuntime().availableProcessors();
	}

	public int chunk() {
		return (this.chunkSize != null && this.chunkSize > 0) ? this.chunkSize : 1000;
	}

}

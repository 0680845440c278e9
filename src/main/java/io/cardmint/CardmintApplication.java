package io.cardmint;

import io.cardmint.cli.CardmintCommand;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CardmintApplication {

	public static void main(String[] args) {
		CardmintCommand.main(args);
	}

}

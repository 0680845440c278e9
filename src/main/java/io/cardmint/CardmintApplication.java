package io.cardmint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CardmintApplication {

	public static void main(String[] args) {
		SpringApplication.run(CardmintApplication.class, args);
	}

}

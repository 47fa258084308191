package io.brokerbench.brokers.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that starts RabbitMQ nodes of the machine's own installation (the
 * package {@code rabbitmq-server}). Where it is not installed the test is skipped, and the test run
 * ends with one line that says what was skipped and how to install it; with {@code
 * -Dbrokerbench.require.rabbitmq=true} (what CI sets) it fails instead. See {@link
 * RabbitMqRequirement}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RabbitMqRequirement.class)
public @interface RequiresRabbitMq {}

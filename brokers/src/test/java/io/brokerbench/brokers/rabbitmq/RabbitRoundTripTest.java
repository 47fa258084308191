package io.brokerbench.brokers.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class RabbitRoundTripTest {
  @Test
  void theReasonIsWhatTheBrokerSaidWhenItClosedTheChannel() {
    ShutdownSignalException closed =
        new ShutdownSignalException(
            false,
            false,
            new AMQImpl.Channel.Close(
                404, "NOT_FOUND - no queue 'crash-durable' in vhost '/'", 60, 70),
            null);
    // The client's own wrapping: an IOException without a message, the broker's reason as cause.
    IOException wrapped = new IOException((String) null);
    wrapped.initCause(closed);

    String reason = RabbitRoundTrip.reason(wrapped);

    assertTrue(reason.contains("reply-code=404"), reason);
    assertTrue(reason.contains("no queue 'crash-durable' in vhost '/'"), reason);
  }

  @Test
  void withoutABrokerReasonTheFailureSpeaksForItself() {
    assertEquals(
        "java.net.ConnectException: Connection refused",
        RabbitRoundTrip.reason(new ConnectException("Connection refused")));
  }
}

package dev.orfeas.web.metrics;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * {@code http.server.requests} with one more low-cardinality tag: {@code problem}, the RFC 9457 problem type's slug
 * of an error answer ({@code none} for answers without one), so dashboards split errors by cause, not only status.
 */
public class ProblemObservationConvention extends DefaultServerRequestObservationConvention {

    public static final String TAG = "problem";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object slug = context.getCarrier().getAttribute(ProblemTypeAdvice.ATTRIBUTE);
        return super.getLowCardinalityKeyValues(context)
                .and(KeyValue.of(TAG, slug instanceof String s ? s : "none"));
    }
}

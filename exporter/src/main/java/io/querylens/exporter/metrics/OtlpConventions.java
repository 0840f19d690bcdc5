package io.querylens.exporter.metrics;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * Brings what Micrometer's OTLP registry sends in line with OpenTelemetry's semantic conventions:
 * durations in UCUM's {@code s} rather than {@code seconds}, and no {@code error.type} attribute
 * on successes (Prometheus needs the label on every series; OpenTelemetry leaves it out).
 */
final class OtlpConventions {
  private static final String ERROR_TYPE = QueryLensMetrics.ERROR_TYPE;

  private OtlpConventions() {}

  /** The request {@code data} encodes, conformed; {@code data} itself if it cannot be read. */
  static byte[] conform(byte[] data) {
    ExportMetricsServiceRequest.Builder request;
    try {
      request = ExportMetricsServiceRequest.parseFrom(data).toBuilder();
    } catch (InvalidProtocolBufferException e) {
      return data;
    }
    for (ResourceMetrics.Builder resource : request.getResourceMetricsBuilderList()) {
      for (ScopeMetrics.Builder scope : resource.getScopeMetricsBuilderList()) {
        for (Metric.Builder metric : scope.getMetricsBuilderList()) {
          conform(metric);
        }
      }
    }
    return request.build().toByteArray();
  }

  private static void conform(Metric.Builder metric) {
    if ("seconds".equals(metric.getUnit())) {
      metric.setUnit("s");
    }
    if (metric.hasHistogram()) {
      for (HistogramDataPoint.Builder point : metric.getHistogramBuilder().getDataPointsBuilderList()) {
        for (int i = point.getAttributesCount() - 1; i >= 0; i--) {
          if (isEmptyErrorType(point.getAttributes(i))) {
            point.removeAttributes(i);
          }
        }
      }
    } else if (metric.hasGauge()) {
      for (NumberDataPoint.Builder point : metric.getGaugeBuilder().getDataPointsBuilderList()) {
        for (int i = point.getAttributesCount() - 1; i >= 0; i--) {
          if (isEmptyErrorType(point.getAttributes(i))) {
            point.removeAttributes(i);
          }
        }
      }
    }
  }

  private static boolean isEmptyErrorType(io.opentelemetry.proto.common.v1.KeyValue attribute) {
    return ERROR_TYPE.equals(attribute.getKey()) && attribute.getValue().getStringValue().isEmpty();
  }
}

package io.querylens.agent.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/owners/7|/owners/{id}",
    "/owners/7/pets/12|/owners/{id}/pets/{id}",
    "/owners/|/owners/",
    "/|/",
    "/legacy/owners/7/pets|/legacy/owners/{id}/pets",
    "/orders/3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b|/orders/{id}",
    "/blobs/deadbeefcafebabe0123|/blobs/{id}",
    "/v2/api|/v2/api",
    "/files/report-2024|/files/{id}",
    "/users/jane.doe@example.com/orders|/users/{id}/orders",
    "/reset/abcdefghijklmnopqrstuvwxyz|/reset/{id}",
    "/api/v2/owners|/api/v2/owners",
    "/owners/find|/owners/find",
  })
  void identifiersInThePathCollapseSoEveryRequestToOneEndpointSharesAName(String path, String name) {
    assertThat(RequestNames.collapseIds(path)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({"42, true", "abc, false", "deadbeef, false", "0123456789abcdef, true", "face-off, false", "'', false"})
  void identifiersAreNumbersUuidsAndLongHex(String segment, boolean identifier) {
    assertThat(RequestNames.isIdentifier(segment)).isEqualTo(identifier);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/owners;jsessionid=ABC123/7|/owners/7",
    "/owners/7;v=1|/owners/7",
    "/owners|/owners",
  })
  void pathParametersSuchAsSessionIdsAreDropped(String path, String withoutParameters) {
    assertThat(RequestNames.withoutPathParameters(path)).isEqualTo(withoutParameters);
  }
}

package dev.gatehouse.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verification keys of a configured key for a token's header: those of the algorithm's family,
 * matched by key id only where both the token and the key have one (a PEM key has none).
 */
final class FixedKeySelector implements JWSKeySelector<SecurityContext> {
  private final JWKSet keys;
  private final Set<JWSAlgorithm> algorithms;

  FixedKeySelector(JWKSet keys, Set<JWSAlgorithm> algorithms) {
    this.keys = keys;
    this.algorithms = algorithms;
  }

  @Override
  public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
    List<Key> found = new ArrayList<>();
    JWSAlgorithm algorithm = header.getAlgorithm();
    if (!algorithms.contains(algorithm)) {
      return found;
    }
    for (JWK jwk : keys.getKeys()) {
      if (header.getKeyID() != null
          && jwk.getKeyID() != null
          && !header.getKeyID().equals(jwk.getKeyID())) {
        continue;
      }
      try {
        if (jwk instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(algorithm)) {
          found.add(rsa.toPublicKey());
        } else if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(algorithm)) {
          found.add(ec.toPublicKey());
        } else if (jwk instanceof OctetKeyPair okp && JWSAlgorithm.Family.ED.contains(algorithm)) {
          found.add(okp.toPublicKey());
        }
      } catch (JOSEException e) {
        // A key that cannot be turned into a public key verifies nothing.
      }
    }
    return found;
  }
}

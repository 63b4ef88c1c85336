package dev.gatehouse.credential;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/** Reads a configured verification key: a JWK set, one JWK, or a PEM public key (RSA or EC). */
final class PublicKeys {
  private PublicKeys() {}

  static JWKSet parse(String text) {
    String trimmed = text.strip();
    try {
      if (trimmed.startsWith("{")) {
        if (trimmed.contains("\"keys\"")) {
          return JWKSet.parse(trimmed).toPublicJWKSet();
        }
        JWK key = JWK.parse(trimmed);
        return new JWKSet(key.toPublicJWK());
      }
      return new JWKSet(fromPem(trimmed));
    } catch (ParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"key\" is not a JWK, JWK set or PEM public key: " + e.getMessage());
    }
  }

  private static JWK fromPem(String pem) {
    if (!pem.startsWith("-----BEGIN PUBLIC KEY-----")) {
      throw new IllegalArgumentException("a PEM key starts with -----BEGIN PUBLIC KEY-----");
    }
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
    PublicKey key = null;
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePublic(spec);
        break;
      } catch (java.security.GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    if (key instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
    throw new IllegalArgumentException("only RSA and EC public keys are supported");
  }
}

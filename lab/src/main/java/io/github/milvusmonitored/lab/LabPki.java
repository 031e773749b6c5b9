package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's certificates and keys, written as PEM files into one folder: a CA, the API server's
 * serving certificate, kwok's kubelet serving certificate, the API server's kubelet client, the
 * administrator (group {@code system:masters}) and the service-account signing key pair.
 */
public final class LabPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private final Path dir;
  private final KeyPair caKey;
  private final X509Certificate ca;

  private LabPki(Path dir) throws GeneralSecurityException, IOException {
    this.dir = dir;
    this.caKey = rsa();
    X500Name caName = new X500Name("CN=milvus-monitored-lab-ca");
    X509v3CertificateBuilder builder = builder(caName, caName, caKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    this.ca = sign(builder, caKey.getPrivate());
    write("ca.crt", ca);
    write("ca.key", caKey.getPrivate());
  }

  /** Creates every certificate the lab needs in {@code dir}. */
  public static LabPki create(Path dir, List<String> apiServerAddresses) {
    try {
      Files.createDirectories(dir);
      LabPki pki = new LabPki(dir);
      List<String> apiNames = new ArrayList<>(apiServerAddresses);
      apiNames.addAll(
          List.of(
              "127.0.0.1",
              "localhost",
              "kubernetes",
              "kubernetes.default",
              "kubernetes.default.svc",
              "kubernetes.default.svc.cluster.local"));
      pki.issue("apiserver", "kube-apiserver", null, apiNames, KeyPurposeId.id_kp_serverAuth);
      pki.issue(
          "kubelet",
          "lab-node",
          null,
          List.of(LabNetwork.LAB_ADDRESS, "lab-node"),
          KeyPurposeId.id_kp_serverAuth);
      pki.issue(
          "apiserver-kubelet-client",
          "kube-apiserver-kubelet-client",
          "system:masters",
          List.of(),
          KeyPurposeId.id_kp_clientAuth);
      pki.issue("admin", "lab-admin", "system:masters", List.of(), KeyPurposeId.id_kp_clientAuth);
      KeyPair sa = rsa();
      pki.write("sa.key", sa.getPrivate());
      pki.write("sa.pub", sa.getPublic());
      return pki;
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new LabException(
          "Cannot create the lab's certificates in " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the lab's certificates into " + dir, e);
    }
  }

  /** The file {@code name} of this folder, e.g. {@code ca.crt}, {@code admin.key}. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The PEM text of file {@code name}. */
  public String pem(String name) {
    try {
      return Files.readString(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void issue(
      String file, String commonName, String organization, List<String> names, KeyPurposeId purpose)
      throws GeneralSecurityException,
          IOException,
          org.bouncycastle.operator.OperatorCreationException {
    KeyPair key = rsa();
    X500Name subject =
        new X500Name("CN=" + commonName + (organization == null ? "" : ",O=" + organization));
    X509v3CertificateBuilder builder =
        builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), subject, key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (!names.isEmpty()) {
      GeneralName[] alt =
          names.stream()
              .map(
                  n ->
                      n.matches("[0-9.]+")
                          ? new GeneralName(GeneralName.iPAddress, n)
                          : new GeneralName(GeneralName.dNSName, n))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
    }
    write(file + ".crt", sign(builder, caKey.getPrivate()));
    write(file + ".key", key.getPrivate());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(7))),
        subject,
        key.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private void write(String name, Object pemObject) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(pemObject);
    }
    Files.writeString(dir.resolve(name), text.toString());
  }
}

using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ShotgunEvents.Tests.Daemon.Alerts;

/// <summary>A self-signed certificate for 127.0.0.1, made once per test run, and a check that trusts exactly it.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyLocalhost = new(Create);

    public static X509Certificate2 Localhost => LazyLocalhost.Value;

    /// <summary>Trusts the test certificate and nothing else (name and chain errors are expected for a self-signed one).</summary>
    public static RemoteCertificateValidationCallback TrustLocalhostOnly => (_, certificate, _, _) =>
        certificate is not null && certificate.GetCertHashString() == Localhost.GetCertHashString();

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ShotgunEvents test SMTP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}

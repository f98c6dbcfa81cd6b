package io.mraedge.core.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Parsing and matching of exemption prefixes. */
class CidrTest {

    @Test
    void ipv4PrefixContainsItsAddressesOnly() throws Exception {
        Cidr cidr = Cidr.parse("10.0.0.0/8");

        assertThat(cidr).hasToString("10.0.0.0/8");
        assertThat(cidr.contains(ip("10.255.255.255"))).isTrue();
        assertThat(cidr.contains(ip("10.0.0.0"))).isTrue();
        assertThat(cidr.contains(ip("11.0.0.0"))).isFalse();
        assertThat(cidr.contains(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void prefixNotOnAByteBoundary() throws Exception {
        Cidr cidr = Cidr.parse("198.51.100.128/25");

        assertThat(cidr.contains(ip("198.51.100.128"))).isTrue();
        assertThat(cidr.contains(ip("198.51.100.255"))).isTrue();
        assertThat(cidr.contains(ip("198.51.100.127"))).isFalse();
    }

    @Test
    void ipv6Prefix() throws Exception {
        Cidr cidr = Cidr.parse("2001:db8::/32");

        assertThat(cidr).hasToString("2001:db8:0:0:0:0:0:0/32");
        assertThat(cidr.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(cidr.contains(ip("2001:db9::1"))).isFalse();
        assertThat(cidr.contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void bareAddressIsOneHost() throws Exception {
        assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parse("2001:db8::7").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void zeroPrefixContainsEveryAddressOfItsFamily() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("203.0.113.9"))).isFalse();
    }

    @Test
    void ipv4MappedAddressMatchesIpv4Prefix() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        // Inet6Address.getByAddress keeps the mapped form, as a dual-stack socket may report it.
        InetAddress source = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(source).isInstanceOf(Inet6Address.class);

        assertThat(Cidr.parse("10.0.0.0/8").contains(source)).isTrue();
        assertThat(Cidr.canonical(source)).isEqualTo(ip("10.0.0.1"));
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
    }

    @Test
    void invalidPrefixesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"10.0.0.0/33\" is not a valid CIDR prefix: prefix length 33 is out of range 0-32");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129"))
                .hasMessageContaining("prefix length 129 is out of range 0-128");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> Cidr.parse("10.1.2.3/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> Cidr.parse("300.0.0.0/8")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.0/64")).hasMessageContaining("at least /96");
        assertThatThrownBy(() -> Cidr.parse("fe80::1%eth0")).hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.of(InetAddress.getLoopbackAddress(), 40))
                .hasMessage("prefix length 40 is out of range 0-32");
    }

    @Test
    void namesAreNeverResolved() {
        // "localhost" resolves everywhere; refusing it shows that parse never asks DNS.
        assertThatThrownBy(() -> Cidr.parse("localhost/8")).hasMessageContaining("\"localhost\" is not an IPv4");
        assertThatThrownBy(() -> Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    static InetAddress ip(String literal) throws Exception {
        // Literals only: InetAddress.getByName does not ask DNS for an address literal.
        return InetAddress.getByName(literal);
    }
}

#!/usr/bin/env bats
# The RFC 1071 checksum (common/cksum.c), through the unit driver.
# Every expected value is worked out by hand beside its test.

load test_helper

@test "RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2" {
	# 0001 + f203 + f4f5 + f6f7 = 2ddf0; fold: ddf0 + 2 = ddf2; ~ = 220d
	run -0 "$UNIT" cksum 0001f203f4f5f6f7
	[ "$output" = 220d ]
}

@test "the article's empty echo request checksums to f7 ff" {
	# 0800 + 0000 + 0000 + 0000 = 0800; ~0800 = f7ff
	run -0 "$UNIT" cksum 0800000000000000
	[ "$output" = f7ff ]
}

@test "the echo request with payload c0 de checksums to 37 21" {
	# 0800 + c0de = c8de; ~c8de = 3721 (the Link layer article's bytes)
	run -0 "$UNIT" cksum "08 00 00 00 00 00 00 00 c0 de"
	[ "$output" = 3721 ]
}

@test "odd length: the last byte is padded with a zero" {
	# 0102 + 0300 = 0402; ~0402 = fbfd
	run -0 "$UNIT" cksum 010203
	[ "$output" = fbfd ]
}

@test "a single byte" {
	# ff00; ~ff00 = 00ff
	run -0 "$UNIT" cksum ff
	[ "$output" = 00ff ]
}

@test "no bytes at all checksum to ffff" {
	run -0 "$UNIT" cksum ""
	[ "$output" = ffff ]
}

@test "carries fold back in: ffff + ffff + 0001" {
	# ffff + ffff = 1fffe -> fffe + 1 = ffff; + 0001 = 10000 -> 0001;
	# ~0001 = fffe
	run -0 "$UNIT" cksum ffffffff0001
	[ "$output" = fffe ]
}

@test "the result does not depend on the buffer's alignment" {
	for shift in 0 1 2 3 5 7; do
		run -0 "$UNIT" cksum 0001f203f4f5f6f7 "$shift"
		[ "$output" = 220d ]
		run -0 "$UNIT" cksum 010203 "$shift"
		[ "$output" = fbfd ]
	done
}

@test "a header with its checksum in place sums to zero" {
	# The article's macOS header with 60 f0 filled in verifies.
	run -0 "$UNIT" cksum 45001c00000b0000400160f07f0000017f000001
	[ "$output" = 0000 ]
}

@test "a long buffer (65535 bytes of ff) does not overflow the sum" {
	# 32767 words of ffff are zero in one's complement (ffff), plus the
	# padded ff00: ffff + ff00 = 1feff -> feff + 1 = ff00; ~ff00 = 00ff
	run -0 "$UNIT" cksum "$(head -c 65535 /dev/zero | tr '\0' '\377' | od -An -v -tx1 | tr -d ' \n')"
	[ "$output" = 00ff ]
}

@test "RFC 1624 update of the sequence number agrees with a full sum, all 65536 of them" {
	# Payloads: none, odd, the Link layer article's, one that makes the
	# sum pass through 0xffff, and 256 bytes, one of every value.
	for p in "" ab c0de f7ff08 "$(for i in $(seq 0 255); do printf '%02x' "$i"; done)"; do
		run -0 "$UNIT" seqsum "$p"
		[ "$output" = "0 of 65536 differ" ]
	done
}

package org.dealerpanel.common;

import java.util.List;

/** One page of a list: the items and how many there are in all. */
public record Page<T>(List<T> items, long total) {
}

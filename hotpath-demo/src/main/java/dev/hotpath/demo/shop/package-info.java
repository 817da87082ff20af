/**
 * The guide's e-commerce case study as a real service: a shop backend (products by category with
 * review summaries, product detail, a customer's orders, top categories, review writes) that runs
 * naive or with any of the guide's fixes switched on ({@link dev.hotpath.demo.shop.Fix}).
 * {@link dev.hotpath.demo.shop.ShopServer} is the entry point of the child JVM the demo starts;
 * {@link dev.hotpath.demo.shop.ShopData} seeds its database and {@link
 * dev.hotpath.demo.shop.ShopRequests} says what the load sends.
 */
@NullMarked
package dev.hotpath.demo.shop;

import org.jspecify.annotations.NullMarked;

fn main() {
    ingress_sim_web::start();
}

import java.util.Scanner;

public class Program {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        System.out.println(Solver.add(in.nextLong(), in.nextLong()));
    }
}
